// Tests for Daemon live here.
