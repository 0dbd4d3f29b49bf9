// Tests for MIME live here.
