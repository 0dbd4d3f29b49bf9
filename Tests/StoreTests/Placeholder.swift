// Tests for Store live here.
