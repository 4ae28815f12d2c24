"""Pure view models over the atlas: search, industry matching, profiles, explorer state/URL, symbology."""
