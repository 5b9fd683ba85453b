"""The one base class for refusals from domain code.

A service that says no to a person (a consultation not open, an upload of the wrong kind, an event on a
day that is taken) raises a subclass of Refused with the reason in words for that person; views show
the message as it is (`core.editing.save_edit(..., refusals=(Refused,))` puts it at the top of the
form). A ValueError, so callers that catch ValueError for bad input keep working. A refusal that names form
fields (projects' CopiedTextRefused, ReuseLinkRefused) stays a Django ValidationError.
"""


class Refused(ValueError):
    """A domain rule refused the request; str(refusal) says why, in words for the person."""
