"""Explaining a model's decision: Grad-CAM heatmaps scored against known lesion masks."""
