"""Where models come from and how they run: the registry (models/models.toml), weight
conversion, the generator and the embedder."""
