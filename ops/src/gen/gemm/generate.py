#!/usr/bin/env python3
"""Writes jgrad's GEMM loops, GemmFloat.java and GemmDouble.java, from GemmFloat.java.template.

The micro-kernels are register-blocked: every accumulator is a named local, which Java cannot
generate from a loop, so they are written out here (12 rows x 1 or 2 vectors for 512-bit vectors,
6 x 1 or 2 for narrower ones, each with A packed/transposed or read by rows). GemmDouble is the
float32 file with float replaced by double. Edit the template, then run from the repository root:

    python3 ops/src/gen/gemm/generate.py

and commit the two generated files with it.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
KERNELS = os.path.join(HERE, "..", "..", "main", "java", "jgrad", "ops", "kernels")

def tile_index(i):
    return "0" if i == 0 else ("L" if i == 1 else f"{i} * L")

def micro(name, MR, NV, packedA, doc, seg=False):
    bsig = "MemorySegment bp, int bi" if seg else "float[] bp, int bi, int bs"
    sig = (f"float[] a, int ai, int as, {bsig}, int kc, float[] tile" if packedA
           else f"float[] a, int ai, int lda, {bsig}, int kc, float[] tile")
    out = [f"    /** {doc} */",
           f"    private static void {name}({sig}) {{",
           "        FloatVector z = FloatVector.zero(S);"]
    for r in range(MR):
        out.append("        FloatVector " + ", ".join(f"c{r}{'ab'[v]} = z" for v in range(NV)) + ";")
    if not packedA:
        for r in range(1, MR):
            out.append(f"        int a{r} = ai + {r} * lda;")
    out.append("        for (int kk = 0; kk < kc; kk++) {")
    # A packed strip of B is NV vectors per k: a constant stride.
    out.append(f"            int b = bi + kk * {'2 * L' if NV == 2 else 'L'};" if seg else "            int b = bi + kk * bs;")
    if packedA:
        out.append("            int q = ai + kk * as;")
    for v in range(NV):
        if seg:
            out.append(f"            FloatVector b{v} = FloatVector.fromMemorySegment(S, bp, (long) "
                       f"({'b + ' + tile_index(v) if v else 'b'}) * Float.BYTES, NATIVE);")
        else:
            out.append(f"            FloatVector b{v} = FloatVector.fromArray(S, bp, b{' + ' + tile_index(v) if v else ''});")
    out.append("            FloatVector x;")
    for r in range(MR):
        if packedA:
            src = f"a[q + {r}]" if r else "a[q]"
        else:
            src = f"a[a{r} + kk]" if r else "a[ai + kk]"
        line = f"            x = FloatVector.broadcast(S, {src});"
        for v in range(NV):
            line += f" c{r}{'ab'[v]} = x.fma(b{v}, c{r}{'ab'[v]});"
        out.append(line)
    out.append("        }")
    for r in range(MR):
        out.append("        " + " ".join(f"c{r}{'ab'[v]}.intoArray(tile, {tile_index(r * 2 + v)});" for v in range(NV)))
    out.append("    }")
    return "\n".join(out)

def kernels():
    ks = []
    for MR in (12, 6):
        for NV in (2, 1):
            for packed in (True, False):
                nm = f"micro{MR}x{NV}{'' if packed else 'Rows'}"
                what = f"{MR} rows x {NV} vector{'s' if NV > 1 else ''}"
                src = ("A at {@code a[ai + k*as + r]} (a packed panel, or columns of a transposed A)" if packed
                       else "A's rows in place, {@code a[ai + r*lda + k]}")
                ks.append(micro(nm, MR, NV, packed,
                                f"A {what} tile: {src} times B at {{@code bp[bi + k*bs + v*L]}}, into {{@code tile}}."))
                ks.append(micro(nm + "Seg", MR, NV, packed,
                                f"{{@link #{nm}}} with B a packed strip in the 64-byte-aligned panel"
                                f" ({NV} vector{'s' if NV > 1 else ''} per k).", seg=True))
    return "\n\n".join(ks)

template = open(os.path.join(HERE, "GemmFloat.java.template")).read()
java = template.replace("//@KERNELS@", kernels())
with open(os.path.join(KERNELS, "GemmFloat.java"), "w") as f:
    f.write(java)

d = java
d = d.replace("FloatVector", "DoubleVector").replace("VectorSpecies<Float>", "VectorSpecies<Double>")
d = d.replace("VectorMask<Float>", "VectorMask<Double>")
d = d.replace("KernelConfig.FLOAT_SPECIES", "KernelConfig.DOUBLE_SPECIES")
d = re.sub(r"\bfloat\b", "double", d)
d = d.replace("GemmFloat", "GemmDouble").replace("Float.BYTES", "Double.BYTES").replace("JAVA_FLOAT", "JAVA_DOUBLE")
d = d.replace("float32", "float64")
d = re.sub(r"(\d)f\b", r"\1.0", d)
with open(os.path.join(KERNELS, "GemmDouble.java"), "w") as f:
    f.write(d)
