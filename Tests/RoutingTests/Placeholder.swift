// Tests for Routing live here.
