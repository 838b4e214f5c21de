"""Real data and the one container of every modality: cache, downloads, loaders, splits."""
