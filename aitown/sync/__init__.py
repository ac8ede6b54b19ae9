"""City and district offices: installation roles, keys, signed change bundles, city-wide facts.

``tables`` holds the records (imported by aitown.models), ``keys`` the Ed25519 and keyed-hash
helpers, ``bundle`` the file format (docs/sync.md), ``records`` what a district sends,
``external_facts`` what the eligibility rules read of other offices. The services that write are
in aitown.services.offices and aitown.services.sync.
"""
