/**
 * The example as a named module: {@code requires jgrad.nn} brings in jgrad.ops and jgrad.core too
 * (they are required transitively), and with jgrad.ops the Vector API module it needs.
 */
module jgrad.examples {
    requires jgrad.nn;
}
