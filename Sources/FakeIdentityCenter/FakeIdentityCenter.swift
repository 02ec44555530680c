// FakeIdentityCenter
