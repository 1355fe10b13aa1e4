/**
 * The code generator: traces op sequences, fuses elementwise chains and emits Vector API kernels
 * (JavaPoet), compiled in memory with javax.tools into hidden classes; plugs in through
 * ServiceLoader as core's FunctionCompiler.
 */
module jgrad.codegen {
    requires transitive jgrad.ops;
    requires jdk.incubator.vector;
    requires java.compiler;
    requires com.palantir.javapoet;

    exports jgrad.codegen;
    exports jgrad.codegen.trace;
    exports jgrad.codegen.plan;
    exports jgrad.codegen.fused;

    provides jgrad.core.spi.FunctionCompiler with jgrad.codegen.CodegenCompiler;
}
