"""Moving assets in and out of a library: Parquet export and load, and streamed zips of a selection.

    from dam.exchange.export import export_library      # export_library(library, folder, with_files=False)
    from dam.exchange.load import load_library          # load_library(library, folder) into an empty library
    from dam.exchange.zipper import prepare_zip, zip_stream, write_zip

The modules are imported one by one so that the web app's zip route does not pull in pyarrow.
"""
