// Tests for Liaison live here.
