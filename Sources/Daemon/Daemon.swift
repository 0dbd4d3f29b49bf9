// Placeholder until the Daemon module lands.
