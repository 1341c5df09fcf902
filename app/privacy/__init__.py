"""The data subject's rights: what Kartoteka holds about one person, handed over on request."""
