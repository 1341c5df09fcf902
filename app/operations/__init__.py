"""Operating a Kartoteka installation: backups (and, later, tenant offboarding)."""
