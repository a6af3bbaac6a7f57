"""Text people write into the Library (comment bodies), and how it is shown without ever running as code."""
