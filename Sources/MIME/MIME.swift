// Placeholder until the MIME module lands.
