/**
 * Layers, models, losses, optimizers and training loops on top of jgrad.ops. The module builds and
 * links today; its API is built in its own issue.
 */
module jgrad.nn {
    requires transitive jgrad.ops;
}
