"""Files for printers: imposition on sheets, which files a deck gets, preflight."""
