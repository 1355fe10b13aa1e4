package jgrad.nn.data;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import jgrad.core.io.FileErrors;

/**
 * Reads delimited text (CSV, TSV) into a {@link CsvTable} of numeric and text columns, from a
 * file (plain or gzip-compressed, recognised by its first bytes) or a stream. A value that does
 * not parse fails with the file, line, column and the text found.
 *
 * <pre>{@code
 * CsvTable t = Csv.reader().skipLines(1).read(Path.of("boston_house_prices.csv"));   // header on line 2
 * Tensor x = t.drop("MEDV").toTensor();
 * Tensor y = t.select("MEDV").toTensor();
 * }</pre>
 */
public final class Csv {
    private Csv() {}

    /** A reader with the defaults: comma-separated, a header line, every column numeric. */
    public static Reader reader() {
        return new Reader(',', true, 0, null, null, Set.of(), false);
    }

    /** Reads {@code path} with the defaults of {@link #reader()}. */
    public static CsvTable read(Path path) {
        return reader().read(path);
    }

    /** The options of one read; each setter returns a new reader. */
    public static final class Reader {
        private final char delimiter;
        private final boolean header;
        private final int skipLines;
        private final List<String> columnNames;
        private final int[] columnIndices;
        private final Set<String> textColumns;
        private final boolean allowNonFinite;

        private Reader(char delimiter, boolean header, int skipLines, List<String> columnNames, int[] columnIndices,
                Set<String> textColumns, boolean allowNonFinite) {
            this.delimiter = delimiter;
            this.header = header;
            this.skipLines = skipLines;
            this.columnNames = columnNames;
            this.columnIndices = columnIndices;
            this.textColumns = textColumns;
            this.allowNonFinite = allowNonFinite;
        }

        /** The field separator, ',' by default ('\t' for TSV, ';' for European CSV). */
        public Reader delimiter(char delimiter) {
            if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
                throw new IllegalArgumentException("Csv: delimiter cannot be a quote or a line break");
            }
            return new Reader(delimiter, header, skipLines, columnNames, columnIndices, textColumns, allowNonFinite);
        }

        /** Whether the first line (after {@link #skipLines}) names the columns; without one they are "0", "1", ... */
        public Reader header(boolean header) {
            return new Reader(delimiter, header, skipLines, columnNames, columnIndices, textColumns, allowNonFinite);
        }

        /** Lines to ignore at the top of the file, before the header. */
        public Reader skipLines(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("Csv: skipLines must be >= 0, got " + n);
            }
            return new Reader(delimiter, header, n, columnNames, columnIndices, textColumns, allowNonFinite);
        }

        /** Reads only these columns, by header name, in this order (others may hold anything). */
        public Reader columns(String... names) {
            if (names.length == 0) {
                throw new IllegalArgumentException("Csv: columns() needs at least one name");
            }
            return new Reader(delimiter, header, skipLines, List.of(names), null, textColumns, allowNonFinite);
        }

        /** Reads only these columns, by position from 0 (negative counts from the end: -1 is the last). */
        public Reader columns(int... indices) {
            if (indices.length == 0) {
                throw new IllegalArgumentException("Csv: columns() needs at least one index");
            }
            return new Reader(delimiter, header, skipLines, null, indices.clone(), textColumns, allowNonFinite);
        }

        /** Columns kept as text rather than parsed as numbers (categories to encode), by name. */
        public Reader textColumns(String... names) {
            return new Reader(delimiter, header, skipLines, columnNames, columnIndices, Set.of(names), allowNonFinite);
        }

        /**
         * Whether {@code NaN}, {@code Inf}, {@code Infinity} (any case, signed) are read as numbers;
         * off by default, so a missing-value marker or an overflow in an export is an error naming
         * its line and column rather than a NaN that surfaces epochs later as a NaN loss.
         */
        public Reader allowNonFinite(boolean allow) {
            return new Reader(delimiter, header, skipLines, columnNames, columnIndices, textColumns, allow);
        }

        /** Reads a file, plain or gzip-compressed. */
        public CsvTable read(Path path) {
            InputStream opened;
            try {
                if (Files.isDirectory(path)) {
                    throw new IOException("it is a folder");
                }
                opened = Files.newInputStream(path);
            } catch (IOException e) {
                throw new UncheckedIOException("Csv: " + FileErrors.cannotRead(path, e), e);
            }
            try (InputStream in = opened) {
                return read(in, path.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("Csv: cannot read " + path + ": " + e.getMessage(), e);
            }
        }

        /** Reads a stream, plain or gzip-compressed; {@code source} names it in error messages. */
        public CsvTable read(InputStream in, String source) {
            try {
                BufferedReader r = new BufferedReader(new InputStreamReader(maybeGunzip(in), StandardCharsets.UTF_8));
                return parse(r, source);
            } catch (IOException e) {
                throw new UncheckedIOException("Csv: cannot read " + source + ": " + e.getMessage(), e);
            }
        }

        private CsvTable parse(BufferedReader r, String source) throws IOException {
            int lineNo = 0;
            String line;
            for (int i = 0; i < skipLines; i++) {
                if (r.readLine() == null) {
                    throw new IllegalArgumentException("Csv: " + source + " has only " + lineNo + " lines, fewer than"
                            + " skipLines = " + skipLines);
                }
                lineNo++;
            }
            List<String> names = null;
            List<String> firstRow = null;
            int firstRowLine = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (lineNo == 1) {
                    line = stripBom(line);
                }
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields = split(line, source, lineNo);
                if (header) {
                    names = fields.stream().map(String::strip).toList();
                } else {
                    firstRow = fields;
                    firstRowLine = lineNo;
                }
                break;
            }
            if (names == null && firstRow == null) {
                throw new IllegalArgumentException("Csv: " + source + " has no " + (header ? "header" : "data")
                        + " line" + (skipLines > 0 ? " after skipping " + skipLines + " lines" : ""));
            }
            int width = names != null ? names.size() : firstRow.size();
            if (names == null) {
                List<String> generated = new ArrayList<>();
                for (int i = 0; i < width; i++) {
                    generated.add(Integer.toString(i));
                }
                names = generated;
            }
            int[] picked = pick(names, source);
            List<String> pickedNames = new ArrayList<>();
            boolean[] isText = new boolean[picked.length];
            Set<String> unknownText = new HashSet<>(textColumns);
            for (int i = 0; i < picked.length; i++) {
                String name = names.get(picked[i]);
                pickedNames.add(name);
                isText[i] = textColumns.contains(name);
                unknownText.remove(name);
            }
            if (!unknownText.isEmpty()) {
                throw new IllegalArgumentException("Csv: textColumns " + unknownText + " are not among the columns read"
                        + " from " + source + ": " + pickedNames);
            }

            List<double[]> numeric = new ArrayList<>();
            List<String[]> text = new ArrayList<>();
            if (firstRow != null) {
                addRow(firstRow, firstRowLine, width, picked, isText, pickedNames, numeric, text, source);
            }
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                addRow(split(line, source, lineNo), lineNo, width, picked, isText, pickedNames, numeric, text, source);
            }
            if (numeric.isEmpty()) {
                throw new IllegalArgumentException("Csv: " + source + " has a header but no data rows");
            }
            return CsvTable.fromRows(source, pickedNames, isText, numeric, text);
        }

        private int[] pick(List<String> names, String source) {
            if (columnNames != null) {
                if (!header) {
                    throw new IllegalArgumentException("Csv: columns by name need a header line; " + source + " is read"
                            + " with header(false), select by index instead");
                }
                int[] out = new int[columnNames.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = names.indexOf(columnNames.get(i));
                    if (out[i] < 0) {
                        throw new IllegalArgumentException("Csv: no column '" + columnNames.get(i) + "' in " + source
                                + "; its columns are " + names);
                    }
                }
                return out;
            }
            if (columnIndices != null) {
                int[] out = new int[columnIndices.length];
                for (int i = 0; i < out.length; i++) {
                    int c = columnIndices[i] < 0 ? names.size() + columnIndices[i] : columnIndices[i];
                    if (c < 0 || c >= names.size()) {
                        throw new IllegalArgumentException("Csv: column index " + columnIndices[i] + " is out of range"
                                + " for " + source + ", which has " + names.size() + " columns");
                    }
                    out[i] = c;
                }
                return out;
            }
            int[] all = new int[names.size()];
            Arrays.setAll(all, i -> i);
            return all;
        }

        private void addRow(List<String> fields, int lineNo, int width, int[] picked, boolean[] isText,
                List<String> pickedNames, List<double[]> numeric, List<String[]> text, String source) {
            if (fields.size() != width) {
                throw new IllegalArgumentException("Csv: " + source + " line " + lineNo + " has " + fields.size()
                        + " fields, expected " + width + (header ? " (as the header has)" : " (as the first row has)"));
            }
            double[] values = new double[picked.length];
            String[] strings = new String[picked.length];
            for (int i = 0; i < picked.length; i++) {
                String raw = fields.get(picked[i]).strip();
                if (isText[i]) {
                    strings[i] = raw;
                    continue;
                }
                if (raw.isEmpty()) {
                    throw new IllegalArgumentException("Csv: " + source + " line " + lineNo + ", column " + picked[i]
                            + " ('" + pickedNames.get(i) + "'): empty field where a number is expected");
                }
                if (isDecimal(raw)) {
                    values[i] = Double.parseDouble(raw);
                } else if (nonFinite(raw) != null) {
                    if (!allowNonFinite) {
                        throw new IllegalArgumentException("Csv: " + source + " line " + lineNo + ", column "
                                + picked[i] + " ('" + pickedNames.get(i) + "'): '" + raw + "' is not a finite number"
                                + " (read NaN and Infinity with allowNonFinite(true))");
                    }
                    values[i] = nonFinite(raw);
                } else {
                    throw new IllegalArgumentException("Csv: " + source + " line " + lineNo + ", column " + picked[i]
                            + " ('" + pickedNames.get(i) + "'): cannot parse '" + raw + "' as a decimal number"
                            + " (digits, an optional sign, point and exponent: -1.5e3; declare it with textColumns(\""
                            + pickedNames.get(i) + "\") to keep it as text)");
                }
            }
            numeric.add(values);
            text.add(strings);
        }

        /** Splits one line at the delimiter, honouring double-quoted fields with "" as an escaped quote. */
        private List<String> split(String line, String source, int lineNo) {
            List<String> out = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        field.append(c);
                    }
                } else if (c == '"' && field.toString().isBlank() && !wasQuoted) {
                    quoted = true;
                    wasQuoted = true;
                    field.setLength(0);
                } else if (c == delimiter) {
                    out.add(field.toString());
                    field.setLength(0);
                    wasQuoted = false;
                } else {
                    field.append(c);
                }
            }
            if (quoted) {
                throw new IllegalArgumentException("Csv: " + source + " line " + lineNo + " has an unclosed quote");
            }
            out.add(field.toString());
            return out;
        }
    }

    /**
     * The decimal grammar and nothing else: {@code [+-]? (digits [. digits?] | . digits)
     * ([eE] [+-]? digits)?}. Java's {@code Double.parseDouble} also takes {@code 4f}, {@code 5d},
     * hexadecimal {@code 0x1p3} and surrounding control characters, which a data file never
     * means as numbers.
     */
    static boolean isDecimal(String s) {
        int n = s.length();
        int i = skipSign(s, 0);
        int intEnd = skipDigits(s, i);
        int fracEnd = intEnd;
        if (intEnd < n && s.charAt(intEnd) == '.') {
            fracEnd = skipDigits(s, intEnd + 1);
            if (intEnd == i && fracEnd == intEnd + 1) {
                return false; // a lone point
            }
        } else if (intEnd == i) {
            return false; // no digits
        }
        i = fracEnd;
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int expStart = skipSign(s, i + 1);
            i = skipDigits(s, expStart);
            if (i == expStart) {
                return false; // an exponent without digits
            }
        }
        return i == n;
    }

    private static int skipSign(String s, int i) {
        return i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-') ? i + 1 : i;
    }

    private static int skipDigits(String s, int i) {
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    /** NaN or a signed infinity spelled {@code nan}, {@code inf} or {@code infinity} in any case; else null. */
    static Double nonFinite(String s) {
        String t = s.toLowerCase(java.util.Locale.ROOT);
        boolean negative = t.startsWith("-");
        String body = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        return switch (body) {
            case "nan" -> Double.NaN;
            case "inf", "infinity" -> negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            default -> null;
        };
    }

    private static String stripBom(String line) {
        return !line.isEmpty() && line.charAt(0) == '\uFEFF' ? line.substring(1) : line;
    }

    /** The stream itself, or a gunzipping stream around it when it starts with gzip's magic bytes. */
    static InputStream maybeGunzip(InputStream in) throws IOException {
        BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
        b.mark(2);
        int b0 = b.read();
        int b1 = b.read();
        b.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(b, 1 << 16), 1 << 16);
        }
        return b;
    }
}
