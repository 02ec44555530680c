// SSOPickTestSupport
