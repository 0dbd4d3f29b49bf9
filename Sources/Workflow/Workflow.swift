// Placeholder until the Workflow module lands.
