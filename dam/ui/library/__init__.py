"""The Library page in pieces: view state, rail, toolbar, grid, bulk bar and viewer."""
