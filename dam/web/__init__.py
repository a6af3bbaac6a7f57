"""The HTTP side of the app: signed file URLs and the Starlette routes that stream files in and out."""
