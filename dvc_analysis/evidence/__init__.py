"""The curated evidence base: schema, loading, validation, provinces, geometry, audit, taxonomy."""
