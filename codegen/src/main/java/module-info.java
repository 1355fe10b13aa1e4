/**
 * The code generator: traces op sequences, fuses elementwise chains and emits Vector API kernels
 * (JavaPoet), compiled in memory; plugs in through ServiceLoader. The module builds and links
 * today; the fuser is built in its own issue, and until then every op runs unfused.
 */
module jgrad.codegen {
    requires transitive jgrad.ops;
}
