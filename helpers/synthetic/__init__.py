"""Generators of data whose ground truth is known, so a model can be scored against the truth."""
