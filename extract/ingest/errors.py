"""The one error type ingest raises: a source that cannot be read, with a reason a person understands."""


class IngestFailure(Exception):
    """A file that is not a readable gazette (binary, empty, encrypted, corrupt…); the message names why."""
