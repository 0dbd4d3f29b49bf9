// Tests for Web live here.
