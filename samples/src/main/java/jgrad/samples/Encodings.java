package jgrad.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jgrad.core.Tensor;
import jgrad.nn.data.MinMaxScaler;
import jgrad.nn.data.OneHotEncoder;
import jgrad.nn.data.OrdinalEncoder;
import jgrad.nn.data.StandardScaler;

/**
 * Input and output encodings of notes 002 (3.4) and 000 (part 4): min-max normalisation and
 * z-score standardisation of two features on very different scales (000's table, x2 from -30 to
 * +30), one-hot encoding of {@code weather} (sun, cloud, rain, snow), the ordered (thermometer)
 * encoding of age groups, and Example 3.1's Auto MPG attributes: cylinders and origin one-hot,
 * model year binned into four ordered groups.
 */
public final class Encodings {
    private Encodings() {}

    static final Tensor DATA = Tensor.of(new double[][] {
        {0.16, 10.01}, {-0.09, -20.03}, {0.06, -10.08}, {0.58, -13.1}, {0.46, -11.07}, {0.23, 12.54}, {0.55, 15.07},
        {0.1, 21.42}, {0.18, 17.63}, {-0.03, -19.09}, {0.59, -23.14}, {0.32, 29.06}, {-0.08, -18.03}, {0.27, 16.52}});

    /** Example 3.1: model year to 0 (< 73), 1 (73-75), 2 (76-78), 3 (>= 79). */
    static String yearGroup(int year) {
        return year < 73 ? "grp0" : year < 76 ? "grp1" : year < 79 ? "grp2" : "grp3";
    }

    public static void main(String[] args) {
        Args.parse("encodings", args);
        MinMaxScaler minMax = MinMaxScaler.fit(DATA);
        StandardScaler standard = StandardScaler.fit(DATA);
        Tensor mm = minMax.transform(DATA);
        Tensor z = standard.transform(DATA);
        System.out.println(" i     x1      x2   | min-max x1'  x2'  | z-score x1'   x2'");
        for (int i = 0; i < DATA.dim(0); i++) {
            System.out.printf(Locale.ROOT, "%2d  %5.2f  %6.2f  |   %5.3f   %5.3f  |  %6.3f  %6.3f%n", i, DATA.getDouble(i, 0),
                    DATA.getDouble(i, 1), mm.getDouble(i, 0), mm.getDouble(i, 1), z.getDouble(i, 0), z.getDouble(i, 1));
        }
        System.out.printf(Locale.ROOT, "min-max: x' = (x - min) / (max - min), min %s, max %s%n",
                fmt(minMax.dataMin()), fmt(minMax.dataMax()));
        System.out.printf(Locale.ROOT, "z-score: x' = (x - mean) / std, mean %s, std %s%n%n", fmt(standard.mean()),
                fmt(standard.scale()));

        OneHotEncoder weather = OneHotEncoder.of("sun", "cloud", "rain", "snow");
        List<String> days = List.of("sun", "cloud", "rain", "snow", "rain");
        System.out.println("one-hot " + weather.categories() + ":");
        print(days, weather.transform(days));

        OrdinalEncoder age = OrdinalEncoder.of("grp0", "grp1", "grp2", "grp3");
        List<String> groups = age.categories();
        System.out.println("ordered encoding " + age + ":");
        print(groups, age.thermometer(groups));

        System.out.println("Example 3.1, Auto MPG:");
        List<String> cylinders = List.of("4", "8", "6", "3", "5", "4");
        List<String> origin = List.of("1", "3", "2", "1", "2", "3");
        int[] years = {70, 73, 76, 79, 82, 75};
        List<String> yearGroups = new ArrayList<>();
        for (int y : years) {
            yearGroups.add(yearGroup(y));
        }
        OneHotEncoder cyl = OneHotEncoder.fit(cylinders);
        OneHotEncoder org = OneHotEncoder.of("1", "2", "3");
        Tensor cylCode = cyl.transform(cylinders);
        Tensor orgCode = org.transform(origin);
        Tensor yearCode = age.thermometer(yearGroups);
        System.out.println("  cylinders one-hot over " + cyl.categories() + ", origin (1=US, 2=Europe, 3=Japan)"
                + " one-hot, model year -> ordered groups");
        for (int i = 0; i < years.length; i++) {
            System.out.printf(Locale.ROOT, "  cyl %s -> %s   origin %s -> %s   year %d -> %s %s%n", cylinders.get(i),
                    Printing.numpy(cylCode.slice(0, i, i + 1).reshape(-1), 0), origin.get(i),
                    Printing.numpy(orgCode.slice(0, i, i + 1).reshape(-1), 0), years[i], yearGroups.get(i),
                    Printing.numpy(yearCode.slice(0, i, i + 1).reshape(-1), 0));
        }
        System.out.println("  MPG is continuous: one linear output unit for regression.");
    }

    private static void print(List<String> values, Tensor codes) {
        for (int i = 0; i < values.size(); i++) {
            System.out.printf(Locale.ROOT, "  %-6s -> %s%n", values.get(i),
                    Printing.numpy(codes.slice(0, i, i + 1).reshape(-1), 0));
        }
    }

    private static String fmt(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.3f", v[i]));
        }
        return sb.append(']').toString();
    }
}
