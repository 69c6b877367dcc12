/**
 * A counter of this process's changes to what the operations centre reads (folds that moved
 * deltas, rebuilds, alert settings), so cached answers know when they are out of date.
 */
let version = 0;

export const overviewInputsChanged = () => {
  version += 1;
};

export const rollupVersion = () => version;
