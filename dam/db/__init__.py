"""The embedded DuckDB catalog: schema, migrations and connections."""
