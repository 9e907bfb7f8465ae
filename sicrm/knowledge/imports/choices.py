"""Labels of the import report's codes."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

OUTCOME_LABELS = {
    "imported": _l("Imported"),
    "no_text": _l("Imported without text"),
    "skipped": _l("Skipped"),
    "failed": _l("Failed"),
    "catalog": _l("New catalog"),
}

OUTCOME_STYLES = {"imported": "success", "no_text": "warning", "skipped": "secondary",
                  "failed": "danger", "catalog": "info"}

REASON_LABELS = {
    # imported without text: what extraction said
    "encrypted": _l("password-protected (encrypted)"),
    "failed": _l("the text could not be read"),
    "empty": _l("no text found (a scan?)"),
    "unsupported": _l("no text is read from this type"),
    "too_large": _l("too large to read: text not extracted"),
    # skipped
    "duplicate": _l("already in this catalog (same content)"),
    "duplicate_in_run": _l("the same content appears earlier in this import"),
    # failed
    "refused": _l("refused"),
    "unsafe_path": _l("unsafe path in the archive (refused)"),
    "encrypted_member": _l("password-protected inside the zip"),
    "unsupported_compression": _l("compressed with a method that cannot be read"),
    "unreadable": _l("the file could not be read"),
    "catalog": _l("no catalog for its folder"),
    "error": _l("unexpected error (see the server log)"),
    # catalogs
    "created": _l("created as a sub-catalog"),
    "would_create": _l("would be created as a sub-catalog"),
}

STATUS_LABELS = {"queued": _l("Waiting to start"), "running": _l("Running"),
                 "done": _l("Done"), "failed": _l("Failed (interrupted)")}
#: why a run failed as a whole (else the error's own text)
ERROR_LABELS = {
    "interrupted": _l("The import was interrupted (the process running it stopped). "
                      "Run it again: what it finished is skipped."),
    "gone": _l("The importing user or the target catalog is gone."),
}
CHANNEL_LABELS = {"web": _l("Upload"), "cli": _l("Command line")}
