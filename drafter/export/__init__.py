"""Documents made from a draft besides the signed letter: the platform text, the public copy,
the 征求意见表. Each takes a Letter (and the profile), never the raw draft."""
