#!/usr/bin/env python3
"""Writes jgrad's direct convolution kernels, DirectConvFloat.java and DirectConvDouble.java, from
DirectConvFloat.java.template.

The micro-kernels are register-blocked like the GEMM's (ops/src/gen/gemm): every accumulator is a
named local, which Java cannot generate from a loop, so they are written out here: R rows x 1 or 2
vectors, R = 12 for 512-bit vectors and 6 for narrower ones, for the forward (fwd), the kernel
gradient (dk) and the input gradient (dx). DirectConvDouble is the float32 file with float replaced
by double. Edit the template, then run from the repository root:

    python3 ops/src/gen/conv/generate.py

and commit the two generated files with it.
"""
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
KERNELS = os.path.join(HERE, "..", "..", "main", "java", "jgrad", "ops", "kernels")
AB = "abcd"


def tile_index(r, v, nv):
    i = r * nv + v
    return "0" if i == 0 else ("L" if i == 1 else f"{i} * L")


def accumulators(R, NV):
    out = ["        FloatVector z = FloatVector.zero(S);"]
    for r in range(R):
        out.append("        FloatVector " + ", ".join(f"c{r}{AB[v]} = z" for v in range(NV)) + ";")
    return out


def fmas(R, NV, src, vec):
    out = ["            FloatVector v;"]
    for r in range(R):
        line = f"            v = FloatVector.broadcast(S, {src(r)});"
        for i in range(NV):
            line += f" c{r}{AB[i]} = v.fma({vec}{i}, c{r}{AB[i]});"
        out.append(line)
    return out


def to_tile(R, NV):
    return ["        " + " ".join(f"c{r}{AB[v]}.intoArray(tile, {tile_index(r, v, NV)});" for v in range(NV))
            for r in range(R)]


def fwd(R, NV):
    w = "L" if NV == 1 else f"{NV} * L"
    out = [f"    /** Forward tile, {R} positions x {NV} vector{'s' if NV > 1 else ''} of filters:"
           " {@code tile[r][v] = sum_t sum_j x[rows[r] + runOff[t] + j] * bp[bi + (runK[t] + j)*w + v]}. */",
           f"    private static void fwd{R}x{NV}(float[] x, int[] rows, int[] runOff, int[] runK, int runs, int runLen,"
           " float[] bp, int bi, float[] tile) {"]
    out += accumulators(R, NV)
    for r in range(R):
        out.append(f"        int r{r} = rows[{r}];")
    out.append("        for (int t = 0; t < runs; t++) {")
    out.append("            int o = runOff[t];")
    out.append(f"            int b = bi + runK[t] * {'L' if NV == 1 else f'({NV} * L)'};")
    for r in range(R):
        out.append(f"            int a{r} = r{r} + o;")
    out.append(f"            for (int j = 0; j < runLen; j++, b += {w}) {{")
    for v in range(NV):
        out.append(f"                FloatVector b{v} = FloatVector.fromArray(S, bp, b{'' if v == 0 else ' + L' if v == 1 else f' + {v} * L'});")
    out += ["    " + s for s in fmas(R, NV, lambda r: f"x[a{r} + j]", "b")]
    out.append("            }")
    out.append("        }")
    out += to_tile(R, NV)
    out.append("    }")
    return "\n".join(out)


def fwdb(R, NV):
    """The forward tile over one depth slice of one run, accumulating into the tile (see forwardBatch)."""
    w = "L" if NV == 1 else f"{NV} * L"
    out = [f"    /** Forward tile, {R} positions x {NV} vector{'s' if NV > 1 else ''} of filters, over one slice of a run:"
           " {@code tile[ti + r*w + v] (+)= sum_{j < jn} x[rows[ri + r] + o + j] * bp[b + j*w + v]} (set when first). */",
           f"    private static void fwdb{R}x{NV}(float[] x, int[] rows, int ri, int o, int jn, float[] bp, int b,"
           " float[] tile, int ti, boolean first) {",
           "        FloatVector z = FloatVector.zero(S);"]
    for r in range(R):
        out.append("        FloatVector " + ", ".join(
            f"c{r}{AB[v]} = first ? z : FloatVector.fromArray(S, tile, ti + {tile_index(r, v, NV)})" for v in range(NV)) + ";")
    for r in range(R):
        out.append(f"        int a{r} = rows[ri + {r}] + o;" if r else f"        int a{r} = rows[ri] + o;")
    out.append(f"        for (int j = 0; j < jn; j++, b += {w}) {{")
    for v in range(NV):
        out.append(f"            FloatVector b{v} = FloatVector.fromArray(S, bp, b{'' if v == 0 else ' + L' if v == 1 else f' + {v} * L'});")
    out += fmas(R, NV, lambda r: f"x[a{r} + j]", "b")
    out.append("        }")
    out += ["        " + " ".join(f"c{r}{AB[v]}.intoArray(tile, ti + {tile_index(r, v, NV)});" for v in range(NV))
            for r in range(R)]
    out.append("    }")
    return "\n".join(out)


def dk(R, NV):
    out = [f"    /** Kernel-gradient tile, {R} kernel rows x {NV} vector{'s' if NV > 1 else ''} of filters, over np"
           " positions: {@code acc[r][v] (+)= sum_i x[pos[i] + kOff[r]] * dz[dzo[i] + df + v]}. */",
           f"    private static void dk{R}x{NV}(float[] x, int[] pos, int np, int[] kOff, float[] dz, int[] dzo, int df,"
           " float[] acc, int ai, boolean first) {"]
    out += accumulators(R, NV)
    for r in range(R):
        out.append(f"        int k{r} = kOff[{r}];")
    out.append("        for (int i = 0; i < np; i++) {")
    out.append("            int xb = pos[i];")
    out.append("            int d = dzo[i] + df;")
    for v in range(NV):
        out.append(f"            FloatVector d{v} = FloatVector.fromArray(S, dz, d{' + L' if v else ''});")
    out += fmas(R, NV, lambda r: f"x[xb + k{r}]", "d")
    out.append("        }")
    out.append("        if (first) {")
    for r in range(R):
        out.append("            " + " ".join(f"c{r}{AB[v]}.intoArray(acc, ai + {tile_index(r, v, NV)});"
                                          for v in range(NV)))
    out.append("        } else {")
    for r in range(R):
        out.append("            " + " ".join(
            f"c{r}{AB[v]}.add(FloatVector.fromArray(S, acc, ai + {tile_index(r, v, NV)}))"
            f".intoArray(acc, ai + {tile_index(r, v, NV)});" for v in range(NV)))
    out.append("        }")
    out.append("    }")
    return "\n".join(out)


def dx(R, NV):
    out = [f"    /** Input-gradient tile, {R} positions x {NV} vector{'s' if NV > 1 else ''} along a run of the kernel:"
           " {@code tile[r][v] = sum_q dz[rows[r] + q] * kt[ki + q*ldk + v]}. */",
           f"    private static void dx{R}x{NV}(float[] dz, int[] rows, int nf, float[] kt, int ki, int ldk,"
           " float[] tile) {"]
    out += accumulators(R, NV)
    for r in range(R):
        out.append(f"        int d{r} = rows[{r}];")
    out.append("        for (int q = 0; q < nf; q++) {")
    out.append("            int b = ki + q * ldk;")
    for v in range(NV):
        out.append(f"            FloatVector b{v} = FloatVector.fromArray(S, kt, b{' + L' if v else ''});")
    out += fmas(R, NV, lambda r: f"dz[d{r} + q]", "b")
    out.append("        }")
    out += to_tile(R, NV)
    out.append("    }")
    return "\n".join(out)


def rows(NV):
    out = [f"    /** Width-vectorised forward tile, 6 filters x {NV} vector{'s' if NV > 1 else ''} of positions:"
           " {@code tile[q][v] = sum_k x[xo + offs[k] + v] * kf[k*6 + q]}. */",
           f"    private static void rows6x{NV}(float[] x, int xo, int[] offs, int nk, float[] kf, float[] tile) {{"]
    out += accumulators(6, NV)
    out.append("        for (int k = 0; k < nk; k++) {")
    out.append("            int o = xo + offs[k];")
    for v in range(NV):
        out.append(f"            FloatVector x{v} = FloatVector.fromArray(S, x, o{' + L' if v else ''});")
    out.append("            int b = k * 6;")
    out.append("            FloatVector v;")
    for q in range(6):
        line = f"            v = FloatVector.broadcast(S, kf[b{' + ' + str(q) if q else ''}]);"
        for i in range(NV):
            line += f" c{q}{AB[i]} = x{i}.fma(v, c{q}{AB[i]});"
        out.append(line)
    out.append("        }")
    out += to_tile(6, NV)
    out.append("    }")
    return "\n".join(out)


def dk_rows(T):
    out = [f"    /** Width-vectorised kernel-gradient tile, {T} taps x 6 filters, over rows r0..r1:"
           " {@code acc[i][q] (+)= sum x[bases[row] + o + ko[i]] * dzt[((row - r0)*6 + q)*owp + o]} lane by lane"
           " (x's lanes past the row's end kept out of the last vector). */",
           f"    private static void dkRows{T}x6(float[] x, int[] bases, int r0, int r1, int[] ko, float[] dzt, int owp,"
           " int tail, float[] acc, int ai, boolean first) {",
           "        FloatVector z = FloatVector.zero(S);"]
    for i in range(T):
        out.append("        FloatVector " + ", ".join(f"c{i}_{q} = z" for q in range(6)) + ";")
    for i in range(T):
        out.append(f"        int k{i} = ko[{i}];")
    out.append("        int full = tail == 0 ? owp : owp - L;")
    out.append("        VectorMask<Float> keep = S.indexInRange(0, tail);")
    out.append("        for (int row = r0; row < r1; row++) {")
    out.append("            int xb = bases[row];")
    out.append("            int db = (row - r0) * 6 * owp;")
    out.append("            for (int o = 0; o < owp; o += L) {")
    for i in range(T):
        out.append(f"                FloatVector x{i} = FloatVector.fromArray(S, x, xb + o + k{i});")
    out.append("                if (o >= full) {")
    for i in range(T):
        out.append(f"                    x{i} = z.blend(x{i}, keep);")
    out.append("                }")
    out.append("                FloatVector d;")
    for q in range(6):
        line = f"                d = FloatVector.fromArray(S, dzt, db + {q} * owp + o);"
        for i in range(T):
            line += f" c{i}_{q} = x{i}.fma(d, c{i}_{q});"
        out.append(line)
    out.append("            }")
    out.append("        }")
    for i in range(T):
        for q in range(6):
            idx = f"ai + {(i * 6 + q)} * L" if i * 6 + q else "ai"
            out.append(f"        (first ? c{i}_{q} : c{i}_{q}.add(FloatVector.fromArray(S, acc, {idx}))).intoArray(acc, {idx});")
    out.append("    }")
    return "\n".join(out)


def dkc(R, NV):
    out = [f"    /** {{@link #dk{R}x{NV}}} for {R} consecutive kernel rows of one run: {{@code acc[r][v] (+)= sum_i"
           " x[pos[i] + k0 + r] * dz[dzo[i] + df + v]}, one base per position (fewer registers). */",
           f"    private static void dk{R}x{NV}c(float[] x, int[] pos, int np, int k0, float[] dz, int[] dzo, int df,"
           " float[] acc, int ai, boolean first) {"]
    out += accumulators(R, NV)
    out.append("        for (int i = 0; i < np; i++) {")
    out.append("            int xb = pos[i] + k0;")
    out.append("            int d = dzo[i] + df;")
    for v in range(NV):
        out.append(f"            FloatVector d{v} = FloatVector.fromArray(S, dz, d{' + L' if v else ''});")
    out += fmas(R, NV, lambda r: f"x[xb + {r}]" if r else "x[xb]", "d")
    out.append("        }")
    out.append("        if (first) {")
    for r in range(R):
        out.append("            " + " ".join(f"c{r}{AB[v]}.intoArray(acc, ai + {tile_index(r, v, NV)});"
                                          for v in range(NV)))
    out.append("        } else {")
    for r in range(R):
        out.append("            " + " ".join(
            f"c{r}{AB[v]}.add(FloatVector.fromArray(S, acc, ai + {tile_index(r, v, NV)}))"
            f".intoArray(acc, ai + {tile_index(r, v, NV)});" for v in range(NV)))
    out.append("        }")
    out.append("    }")
    return "\n".join(out)


def trows(R, NV):
    out = [f"    /** Width-vectorised input-gradient tile, {R} rows x {NV} vector{'s' if NV > 1 else ''} of dx:"
           " {@code tile[r][v] = sum_k x[xo + r*rs + offs[k] + v] * kw[k]}. */",
           f"    private static void tRows{R}x{NV}(float[] x, int xo, int rs, int[] offs, int nk, float[] kw,"
           " float[] tile) {"]
    out += accumulators(R, NV)
    out.append("        for (int k = 0; k < nk; k++) {")
    out.append("            int o = xo + offs[k];")
    out.append("            FloatVector w = FloatVector.broadcast(S, kw[k]);")
    for r in range(R):
        base = "o" if r == 0 else f"o + {r} * rs"
        line = "           "
        for v in range(NV):
            line += f" c{r}{AB[v]} = FloatVector.fromArray(S, x, {base}{' + L' if v else ''}).fma(w, c{r}{AB[v]});"
        out.append(line)
    out.append("        }")
    out += to_tile(R, NV)
    out.append("    }")
    return "\n".join(out)


def winograd_in():
    out = ["    /** {@code V = B^T d B} for one vector of channels: d[i][j] at {@code src[so + i*rs + j*cs]}, V[xi] into"
           " {@code v[vo + xi*vs]}. */",
           "    private static void winogradIn(float[] src, int so, int rs, int cs, float[] v, int vo, int vs) {"]
    for i in range(4):
        for j in range(4):
            out.append(f"        FloatVector d{i}{j} = FloatVector.fromArray(S, src, so + {i} * rs + {j} * cs);")
    for j in range(4):
        out.append(f"        FloatVector s0{j} = d0{j}.sub(d2{j});")
        out.append(f"        FloatVector s1{j} = d1{j}.add(d2{j});")
        out.append(f"        FloatVector s2{j} = d2{j}.sub(d1{j});")
        out.append(f"        FloatVector s3{j} = d1{j}.sub(d3{j});")
    for i in range(4):
        out.append(f"        s{i}0.sub(s{i}2).intoArray(v, vo + {4 * i} * vs);")
        out.append(f"        s{i}1.add(s{i}2).intoArray(v, vo + {4 * i + 1} * vs);")
        out.append(f"        s{i}2.sub(s{i}1).intoArray(v, vo + {4 * i + 2} * vs);")
        out.append(f"        s{i}1.sub(s{i}3).intoArray(v, vo + {4 * i + 3} * vs);")
    out.append("    }")
    return "\n".join(out)


def winograd_in_edge():
    out = ["    /** {@link #winogradIn} for a block that reaches into the padding: d[i][j] is zero unless bit 4i+j of"
           " inside is set (the other positions are never read). */",
           "    private static void winogradInEdge(float[] src, int so, int rs, int cs, int inside, float[] v, int vo,"
           " int vs) {",
           "        FloatVector z = FloatVector.zero(S);"]
    for i in range(4):
        for j in range(4):
            out.append(f"        FloatVector d{i}{j} = (inside & {1 << (4 * i + j)}) != 0"
                       f" ? FloatVector.fromArray(S, src, so + {i} * rs + {j} * cs) : z;")
    for j in range(4):
        out.append(f"        FloatVector s0{j} = d0{j}.sub(d2{j});")
        out.append(f"        FloatVector s1{j} = d1{j}.add(d2{j});")
        out.append(f"        FloatVector s2{j} = d2{j}.sub(d1{j});")
        out.append(f"        FloatVector s3{j} = d1{j}.sub(d3{j});")
    for i in range(4):
        out.append(f"        s{i}0.sub(s{i}2).intoArray(v, vo + {4 * i} * vs);")
        out.append(f"        s{i}1.add(s{i}2).intoArray(v, vo + {4 * i + 1} * vs);")
        out.append(f"        s{i}2.sub(s{i}1).intoArray(v, vo + {4 * i + 2} * vs);")
        out.append(f"        s{i}1.sub(s{i}3).intoArray(v, vo + {4 * i + 3} * vs);")
    out.append("    }")
    return "\n".join(out)


def winograd_out():
    out = ["    /**",
           "     * {@code A^T M A} for one vector of filters, M[xi] at {@code m[xi][o]}, plus the bias {@code bias[bo..]}",
           "     * and the activation, into the 2x2 outputs at {@code y[yo]}, {@code y[yo + f]} (if right),",
           "     * {@code y[yo + rowLen]} and {@code y[yo + rowLen + f]} (if down), n lanes each. Vectors never cross",
           "     * a call here (one that C2 does not inline would box them).",
           "     */",
           "    private static void winogradOut(float[][] m, int o, float[] bias, int bo, Epilogue.Activation act, float[] y,"
           " int yo, int f, int rowLen, boolean down, boolean right, int n, float[] tmp) {"]
    for xi in range(16):
        out.append(f"        FloatVector m{xi} = FloatVector.fromArray(S, m[{xi}], o);")
    for j in range(4):
        out.append(f"        FloatVector t0{j} = m{j}.add(m{4 + j}).add(m{8 + j});")
        out.append(f"        FloatVector t1{j} = m{4 + j}.sub(m{8 + j}).sub(m{12 + j});")
    out.append("        FloatVector b = FloatVector.fromArray(S, bias, bo);")
    for i in range(2):
        out.append(f"        FloatVector y{i}0 = t{i}0.add(t{i}1).add(t{i}2).add(b);")
        out.append(f"        FloatVector y{i}1 = t{i}1.sub(t{i}2).sub(t{i}3).add(b);")
    ys = ["y00", "y01", "y10", "y11"]
    out.append("        switch (act) {")
    out.append("            case LINEAR -> { }")
    out.append("            case RELU -> {")
    for v in ys:
        out.append(f"                {v} = {v}.max(0f);")
    out.append("            }")
    out.append("            case SIGMOID -> {")
    out.append("                // The GEMM epilogue's formula: exp of a non-positive number only.")
    out.append("                FloatVector one = FloatVector.broadcast(S, 1f);")
    for v in ys:
        out.append(f"                FloatVector e{v} = {v}.abs().neg().lanewise(VectorOperators.EXP);")
        out.append(f"                FloatVector r{v} = one.div(one.add(e{v}));")
        out.append(f"                {v} = r{v}.blend(e{v}.mul(r{v}), {v}.compare(VectorOperators.LT, 0f));")
    out.append("            }")
    out.append("            case TANH -> {")
    for v in ys:
        out.append(f"                {v} = {v}.lanewise(VectorOperators.TANH);")
    out.append("            }")
    out.append("        }")
    out.append("        if (n == L) {")
    out.append("            y00.intoArray(y, yo);")
    out.append("            if (right) {")
    out.append("                y01.intoArray(y, yo + f);")
    out.append("            }")
    out.append("            if (down) {")
    out.append("                y10.intoArray(y, yo + rowLen);")
    out.append("                if (right) {")
    out.append("                    y11.intoArray(y, yo + rowLen + f);")
    out.append("                }")
    out.append("            }")
    out.append("            return;")
    out.append("        }")
    out.append("        // A partial vector of filters: through tmp, n lanes each (no masked store, see forwardTile).")
    out.append("        y00.intoArray(tmp, 0);")
    out.append("        System.arraycopy(tmp, 0, y, yo, n);")
    out.append("        if (right) {")
    out.append("            y01.intoArray(tmp, 0);")
    out.append("            System.arraycopy(tmp, 0, y, yo + f, n);")
    out.append("        }")
    out.append("        if (down) {")
    out.append("            y10.intoArray(tmp, 0);")
    out.append("            System.arraycopy(tmp, 0, y, yo + rowLen, n);")
    out.append("            if (right) {")
    out.append("                y11.intoArray(tmp, 0);")
    out.append("                System.arraycopy(tmp, 0, y, yo + rowLen + f, n);")
    out.append("            }")
    out.append("        }")
    out.append("    }")
    return "\n".join(out)

def winograd_grad_in():
    out = ["    /** {@code M = A dY A^T} for one vector of filters of a whole 2x2 block: dY[a][b] at"
           " {@code src[so + a*rs + b*cs]}, M[xi] into {@code m[mo + xi*ms]}. A^T = [[1,1,1,0],[0,1,-1,-1]]. */",
           "    private static void winogradGradIn(float[] src, int so, int rs, int cs, float[] m, int mo, int ms) {",
           "        FloatVector y00 = FloatVector.fromArray(S, src, so);",
           "        FloatVector y01 = FloatVector.fromArray(S, src, so + cs);",
           "        FloatVector y10 = FloatVector.fromArray(S, src, so + rs);",
           "        FloatVector y11 = FloatVector.fromArray(S, src, so + rs + cs);",
           "        FloatVector p00 = y00;",
           "        FloatVector p01 = y01;",
           "        FloatVector p10 = y00.add(y10);",
           "        FloatVector p11 = y01.add(y11);",
           "        FloatVector p20 = y00.sub(y10);",
           "        FloatVector p21 = y01.sub(y11);",
           "        FloatVector p30 = y10.neg();",
           "        FloatVector p31 = y11.neg();"]
    for r in range(4):
        out.append(f"        p{r}0.intoArray(m, mo + {4 * r} * ms);")
        out.append(f"        p{r}0.add(p{r}1).intoArray(m, mo + {4 * r + 1} * ms);")
        out.append(f"        p{r}0.sub(p{r}1).intoArray(m, mo + {4 * r + 2} * ms);")
        out.append(f"        p{r}1.neg().intoArray(m, mo + {4 * r + 3} * ms);")
    out.append("    }")
    return "\n".join(out)


def kernels():
    ks = []
    for R in (12, 6):
        for NV in (1, 2):
            ks += [fwd(R, NV), dk(R, NV), dkc(R, NV), dx(R, NV)]
    ks += [fwdb(12, 1), fwdb(12, 2), fwdb(6, 1), fwdb(6, 2), fwdb(6, 4)]
    ks += [rows(1), rows(2), dk_rows(3), dk_rows(2), trows(4, 1), trows(4, 2), winograd_in(), winograd_in_edge(), winograd_out(), winograd_grad_in()]
    return "\n\n".join(ks)


template = open(os.path.join(HERE, "DirectConvFloat.java.template")).read()
java = template.replace("//@KERNELS@", kernels())
with open(os.path.join(KERNELS, "DirectConvFloat.java"), "w") as f:
    f.write(java)

d = java.replace("DirectConvFloat.java.template", "@TEMPLATE@")
d = d.replace("FloatVector", "DoubleVector").replace("VectorSpecies<Float>", "VectorSpecies<Double>")
d = d.replace("VectorMask<Float>", "VectorMask<Double>")
d = d.replace("KernelConfig.FLOAT_SPECIES", "KernelConfig.DOUBLE_SPECIES")
d = re.sub(r"\bfloat\b", "double", d)
d = d.replace("DirectConvFloat", "DirectConvDouble").replace("GemmFloat", "GemmDouble")
d = d.replace("FreshArrays.floats", "FreshArrays.doubles")
d = d.replace("float32", "float64")
d = re.sub(r"(\d)f\b", r"\1.0", d)
d = d.replace("@TEMPLATE@", "DirectConvFloat.java.template")
with open(os.path.join(KERNELS, "DirectConvDouble.java"), "w") as f:
    f.write(d)
