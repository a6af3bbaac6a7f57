"""Services: the operations pages and the CLI call. Each checks permissions first and records events."""
