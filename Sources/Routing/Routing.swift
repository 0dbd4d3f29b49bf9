// Placeholder until the Routing module lands.
