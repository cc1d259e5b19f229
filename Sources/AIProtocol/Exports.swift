// The vocabulary (termination reasons, error classes, capabilities, …) is generated from
// spec/vocabulary into its own module; callers of the runtime see it without a second import.
@_exported import AIProtocolVocabulary
