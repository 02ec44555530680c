/// The built-in demo organisation: 60 hand-written accounts of a fictional company, used by
/// `ssopick demo`. Fixed data, so screenshots and docs stay stable.
extension Organisation {
  /// The demo organisation (60 accounts, 1–6 roles each).
  public static let demo: Organisation = {
    let admin = "AdministratorAccess"
    let readOnly = "ReadOnlyAccess"
    let power = "PowerUserAccess"
    let view = "ViewOnlyAccess"
    let billing = "Billing"
    let scientist = "DataScientist"
    let dba = "DatabaseAdministrator"
    let network = "NetworkAdministrator"
    let audit = "SecurityAudit"
    let support = "SupportUser"
    let rows: [(String, String, String, [String])] = [
      ("210987654321", "Acme Management", "aws-root@acme.example", [admin, billing, readOnly]),
      ("012345678901", "Log Archive", "aws-log-archive@acme.example", [readOnly, audit]),
      ("109876543210", "Audit & Security Tooling", "aws-audit@acme.example", [audit, admin]),
      (
        "345678901234", "Shared Services (Network)", "aws-network@acme.example",
        [network, readOnly, admin]
      ),
      (
        "456789012345", "Payments (EU) & Billing", "aws-payments-eu@acme.example",
        [admin, power, readOnly, billing]
      ),
      (
        "567890123456", "Payments (US) & Billing", "aws-payments-us@acme.example",
        [admin, power, readOnly, billing]
      ),
      (
        "078901234567", "Zürich Analytics", "aws-zurich-analytics@acme.example",
        [scientist, readOnly, power]
      ),
      (
        "789012345678", "Malmö Data Lake", "aws-malmo-datalake@acme.example",
        [scientist, dba, readOnly]
      ),
      (
        "890123456789", "São Paulo Checkout", "aws-sao-paulo-checkout@acme.example",
        [power, readOnly]
      ),
      (
        "901234567890", "Kraków Engineering – Dev", "aws-krakow-dev@acme.example",
        [admin, power, view]
      ),
      (
        "123450987654", "Kraków Engineering – Prod", "aws-krakow-prod@acme.example",
        [readOnly, support, "BreakGlass@Prod"]
      ),
      (
        "234561098765", "Genève Research", "aws-geneve-research@acme.example",
        [scientist, power]
      ),
      (
        "006712345678", "Ålesund Logistics", "aws-alesund-logistics@acme.example",
        [power, readOnly, view]
      ),
      (
        "345672109876", "Québec Customer Support", "aws-quebec-support@acme.example",
        [support, view]
      ),
      (
        "456783210987", "München Identity", "aws-munchen-identity@acme.example",
        [admin, readOnly, audit]
      ),
      ("567894321098", "Reykjavík Edge", "aws-reykjavik-edge@acme.example", [network, power]),
      (
        "678905432109", "Łódź Media Processing", "aws-lodz-media@acme.example",
        [power, readOnly]
      ),
      (
        "789016543210", "Tromsø Observability", "aws-tromso-o11y@acme.example",
        [readOnly, power, view]
      ),
      (
        "890127654321", "Köln Inventory", "aws-koln-inventory@acme.example",
        [power, dba, readOnly]
      ),
      (
        "901238765432", "Montréal Pricing", "aws-montreal-pricing@acme.example",
        [scientist, readOnly]
      ),
      (
        "011223344556", "Gdańsk Fraud Detection", "aws-gdansk-fraud@acme.example",
        [scientist, audit, readOnly]
      ),
      (
        "112233445566", "payments-prod", "aws+payments-prod@acme.example",
        [readOnly, "SRE_OnCall", "BreakGlass@Prod"]
      ),
      (
        "223344556677", "payments-staging", "aws+payments-staging@acme.example",
        [admin, power, readOnly]
      ),
      ("334455667788", "payments-dev", "aws+payments-dev@acme.example", [admin, power]),
      (
        "445566778899", "checkout-prod", "aws+checkout-prod@acme.example",
        [readOnly, "SRE_OnCall"]
      ),
      (
        "556677889900", "checkout-staging", "aws+checkout-staging@acme.example",
        [admin, readOnly]
      ),
      ("667788990011", "checkout-dev", "aws+checkout-dev@acme.example", [admin]),
      (
        "778899001122", "search-prod", "aws+search-prod@acme.example",
        [readOnly, power, "SRE_OnCall"]
      ),
      ("889900112233", "search-dev", "aws+search-dev@acme.example", [admin, power]),
      (
        "099001122334", "ml-platform-prod", "aws+ml-prod@acme.example",
        [scientist, readOnly, "SRE_OnCall"]
      ),
      ("990011223344", "ml-platform-dev", "aws+ml-dev@acme.example", [scientist, admin, power]),
      (
        "101112131415", "Data Platform – Prod", "aws-data-prod@acme.example",
        [dba, readOnly, scientist, "analytics.readonly"]
      ),
      (
        "111213141516", "Data Platform – Staging", "aws-data-staging@acme.example",
        [dba, power, scientist]
      ),
      (
        "121314151617", "Data Platform – Dev", "aws-data-dev@acme.example",
        [admin, dba, scientist]
      ),
      (
        "131415161718", "Marketing Websites", "aws-marketing-web@acme.example",
        [power, view]
      ),
      (
        "141516171819", "HR Systems (Workday Integration)", "aws-hr@acme.example",
        [readOnly, support]
      ),
      (
        "151617181920", "Finance & Ledger", "aws-finance@acme.example",
        [billing, readOnly, audit]
      ),
      (
        "161718192021", "Cost Management", "aws-cost@acme.example",
        [billing, "CostExplorer+Budgets", view]
      ),
      (
        "171819202122", "Mobile Backend (iOS & Android)", "aws-mobile@acme.example",
        [admin, power, readOnly]
      ),
      ("181920212223", "Notifications", "aws-notify@acme.example", [power, readOnly]),
      (
        "191021222324", "Partner APIs", "aws-partner-api@acme.example",
        [power, readOnly, support]
      ),
      (
        "020304050607", "Streaming (Live Events)", "aws-streaming@acme.example",
        [power, network, readOnly]
      ),
      ("202122232425", "Recommendations", "aws-recs@acme.example", [scientist, power]),
      (
        "212223242526", "Warehouse Robotics", "aws-robotics@acme.example",
        [admin, power, readOnly]
      ),
      (
        "222324252627", "Compliance (SOX & GDPR)", "aws-compliance@acme.example",
        [audit, readOnly, "Auditor,External"]
      ),
      (
        "232425262728", "Disaster Recovery", "aws-dr@acme.example",
        [admin, "BreakGlass@Prod"]
      ),
      (
        "242526272829", "CI/CD Tooling", "aws-cicd@acme.example",
        [admin, "Deploy=CI", readOnly]
      ),
      ("252627282930", "Sandbox – Amélie Dubois", "amelie.dubois@acme.example", [admin]),
      ("262728293031", "Sandbox – Jörg Müller", "joerg.mueller@acme.example", [admin]),
      ("272829303132", "Sandbox – Siobhán O'Connor", "siobhan.oconnor@acme.example", [admin]),
      ("282930313233", "Sandbox – Zoë Ng", "zoe.ng@acme.example", [admin]),
      (
        "030405060708", "Sandbox – Łukasz Wiśniewski", "lukasz.wisniewski@acme.example",
        [admin]
      ),
      ("293031323334", "Sandbox – Ana Núñez", "ana.nunez@acme.example", [admin]),
      (
        "303132333435", "Legacy Monolith (do not touch)", "aws-legacy@acme.example",
        [readOnly, "SRE_OnCall"]
      ),
      (
        "313233343536", "Security Incident Response", "aws-ir@acme.example",
        [audit, admin, "BreakGlass@Prod"]
      ),
      (
        "323334353637", "Identity Center Delegated Admin", "aws-sso-admin@acme.example",
        [admin]
      ),
      (
        "333435363738", "Networking Hub (Transit)", "aws-transit@acme.example",
        [network, readOnly]
      ),
      ("343536373839", "DNS & Certificates", "aws-dns@acme.example", [network, power]),
      ("353637383940", "Backup Vault", "aws-backup@acme.example", [readOnly, admin]),
      (
        "363738394041", "Experiments 🧪", "aws-experiments@acme.example",
        [admin, power, readOnly, view, scientist, support]
      ),
    ]
    return Organisation(
      accounts: rows.map {
        Account(accountId: $0.0, accountName: $0.1, emailAddress: $0.2, roles: $0.3)
      })
  }()
}
