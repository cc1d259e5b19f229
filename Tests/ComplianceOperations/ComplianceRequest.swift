import AIProtocol

/// One compliance case to run: its `input` block, the provider it runs against (an id of the
/// registry the driver was compiled with), and the environment its `setup` gives.
public struct ComplianceRequest: Codable, Sendable {
    /// Names the result (the runner's own key, such as the case's file and position).
    public var key: String
    /// The case's `input`, with its `type`.
    public var input: JSONValue
    /// The provider the case's manifest compiled to, if it has one.
    public var providerID: String?
    /// The case's `setup.env`.
    public var environment: [String: String]

    /// Creates a request.
    public init(key: String, input: JSONValue, providerID: String?, environment: [String: String]) {
        self.key = key
        self.input = input
        self.providerID = providerID
        self.environment = environment
    }
}

/// What running a case produced: an object whose members are named as the suite's
/// expectations name them (`error_code`, `events`, `should_retry`, …).
public struct ComplianceResult: Codable, Sendable {
    public var key: String
    public var output: JSONValue

    public init(key: String, output: JSONValue) {
        self.key = key
        self.output = output
    }
}

/// An operation that cannot run, and why; reported as the case's failure.
struct OperationFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
