"""The JSON routes, one module per kind of thing asked about; all under /api."""
