"""Search: the index of what can be found (`index`) and the ranked, visibility-checked query (`query`)."""
