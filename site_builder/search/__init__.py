"""站内检索: a static, sharded full-text index for Chinese, and the page that queries it in the browser."""
