"""A whole case as one JSON document, out of a store and back into one, losslessly.

The document (format "sessionkit/2"):

    {"format": "sessionkit/2", "exported_at": "2026-03-04T14:05:00+00:00",
     "case": {"reference", "care_status", "care_status_history": [...], "opened_on",
              "closed_on", "closed_reason", "summary",
              "members": [{"id": "m1", ...}],
              "goals": [{"id": "g1", "owner_member": "m1", ..., "status_changes": [...]}],
              "plans": [{"id": "p1", "visit": "v1", "goals": ["g1"], ...}],
              "visits": [{"id": "v1", "plan": "p1", "present_members": ["m1"], ...,
                          "responses": [{"answered_by": "m1", "goal": "g1", ...}]}]}}

Ids inside the document ("m1", "g1", "p1", "v1") are its own: they link the parts of
the document to each other and mean nothing in any database, so a case can be brought
into a store that already holds others and gets new row ids there. A goal's prompt ids
name the goal the same way ("goal.g1.rating"). Date-times keep the UTC offset they were
recorded with, exactly as stored.

Files of format "sessionkit/1" are still read: what they could not carry gets the
defaults the database's own upgrade gives (see `document`).

Lossless: export a case, import it into an empty store, export it again with the same
`exported_at`, and the two documents are the same text.

- `document`: the pydantic models of the document and its JSON Schema;
- `dump`: a case in a store -> the document;
- `load`: a file -> a checked `CaseRecord`, or one line saying what is wrong where;
- `restore`: a `CaseRecord` -> the store, in one transaction.
"""
