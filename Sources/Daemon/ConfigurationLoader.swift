import Configuration
import Foundation
import Logging
import SystemPackage
import Yams

/// Reads the configuration as docs/contract.md describes it: the YAML file through
/// swift-configuration's `FileProvider<YAMLSnapshot>`, environment variables over it
/// (`imap.password` is `IMAP_PASSWORD`), secrets from `*_file` paths or systemd
/// credentials, and defaults for the rest.
///
/// It never stops at the first problem: `check` returns every issue it found in one
/// pass (unknown keys, wrong types, bad values, unreadable files), so that
/// `liaisond check-config` can list them all. No issue ever contains a secret.
public struct ConfigurationLoader: Sendable {
  /// What the configuration must provide.
  public enum Requirement: Sendable {
    /// `run` and `check-config`: the mailbox, the submission server and a sender are required.
    case daemon
    /// Commands that only read or write the record: defaults are enough, and a missing
    /// default file is not an error.
    case record
  }

  public struct Outcome: Sendable {
    /// The configuration as far as it could be read; meaningful only when `issues` is empty.
    public var configuration: LiaisondConfiguration
    public var issues: [ConfigurationIssue]
  }

  public static let defaultPath = "/etc/liaisond/liaisond.yaml"
  /// Configuration files past this size are a mistake (a wrong path), not a configuration.
  static let configurationSizeLimit = 1 << 20
  static let secretSizeLimit = 64 << 10
  static let certificateSizeLimit = 4 << 20
  static let registrySizeLimit = 16 << 20

  public var environment: [String: String]
  /// `--store`: the store directory, before `$LIAISOND_STORE` and `store.path`.
  public var store: String?

  /// Where the example configuration is, for messages: every key is explained there.
  public static let examplePath = "config/liaisond.example.yaml"

  public init(
    environment: [String: String] = ProcessInfo.processInfo.environment, store: String? = nil
  ) {
    self.environment = environment
    self.store = store
  }

  /// The store directory given outside the file: `--store`, else `$LIAISOND_STORE`.
  func storeOverride(base: String) -> LiaisondConfiguration.Store? {
    if let store, !store.isEmpty {
      return .init(path: FileAccess.absolute(store, base: base), origin: .option)
    }
    if let fromEnvironment = environment["LIAISOND_STORE"], !fromEnvironment.isEmpty {
      return .init(path: FileAccess.absolute(fromEnvironment, base: base), origin: .environment)
    }
    return nil
  }

  /// The file to read: `--config`, else `$LIAISOND_CONFIG`, else `/etc/liaisond/liaisond.yaml`.
  /// Every command resolves it this way (docs/contract.md, "Configuration").
  public func configurationPath(explicit: String?) -> (path: String, isDefault: Bool) {
    if let explicit, !explicit.isEmpty { return (explicit, false) }
    if let fromEnvironment = environment["LIAISOND_CONFIG"], !fromEnvironment.isEmpty {
      return (fromEnvironment, false)
    }
    return (Self.defaultPath, true)
  }

  /// The configuration, or `DaemonError.configuration` with every issue found.
  public func load(path explicit: String?, requirement: Requirement = .daemon)
    async throws(DaemonError)
    -> LiaisondConfiguration
  {
    let outcome = await check(path: explicit, requirement: requirement)
    guard outcome.issues.isEmpty else { throw .configuration(outcome.issues) }
    return outcome.configuration
  }

  /// Reads and validates everything, collecting every issue instead of stopping.
  public func check(path explicit: String?, requirement: Requirement = .daemon) async -> Outcome {
    let (path, isDefault) = configurationPath(explicit: explicit)
    var issues: [ConfigurationIssue] = []
    let cwd = FileManager.default.currentDirectoryPath
    let absolutePath = FileAccess.absolute(path, base: cwd)
    let baseDirectory = (absolutePath as NSString).deletingLastPathComponent

    var file: FileLayer?
    switch FileAccess.read(path, limit: Self.configurationSizeLimit) {
    case .success(let bytes):
      file = await FileLayer.read(path: path, bytes: bytes, issues: &issues)
    case .failure(.system(.noSuchFileOrDirectory)) where isDefault && requirement == .record:
      file = nil
    case .failure(let failure):
      // Nothing else can be judged without the file: one issue, not a list of keys it lacks.
      let issue = ConfigurationIssue(
        kind: .unreadableFile, key: nil, location: path,
        message: "cannot read the configuration file: \(failure)"
          + (isDefault ? "; give --config PATH or set LIAISOND_CONFIG" : "")
          + "; \(Self.examplePath) is an example with every key")
      return Outcome(configuration: LiaisondConfiguration(), issues: [issue])
    }

    let environmentProvider = EnvironmentVariablesProvider(
      environmentVariables: environment,
      secretsSpecifier: .specific(
        Set(ConfigurationSchema.keys.filter(\.isSecret).map(\.environmentName))))
    var values = RawValues()
    for key in ConfigurationSchema.keys {
      values.lookUp(key, environment: environmentProvider, file: file, issues: &issues)
    }

    var builder = ConfigurationBuilder(
      values: values, issues: issues, environment: environment, baseDirectory: baseDirectory,
      configurationPath: path, storeOverride: storeOverride(base: cwd))
    var configuration = builder.build(requirement: requirement)
    configuration.sourcePath = file == nil ? nil : path
    return Outcome(configuration: configuration, issues: builder.issues)
  }
}

/// The YAML file: its values through swift-configuration, plus what only a walk of the
/// YAML tree can tell (unknown keys, line numbers, explicit nulls).
struct FileLayer {
  var path: String
  /// Nil when the file could not be turned into a provider (its issues are reported).
  var provider: FileProvider<YAMLSnapshot>?
  /// Dotted key -> the line it is written on.
  var lines: [String: Int]
  /// Keys written as `null` or `~`: the YAML snapshot would read them as the text "null".
  var nulls: Set<String>
  /// Keys whose shape was already reported as wrong; they are not reported again as missing.
  var reported: Set<String>

  func location(of key: String) -> String {
    lines[key].map { "\(path):\($0)" } ?? path
  }

  static func read(path: String, bytes: [UInt8], issues: inout [ConfigurationIssue]) async
    -> FileLayer?
  {
    guard let text = String(validating: bytes, as: UTF8.self) else {
      issues.append(
        ConfigurationIssue(
          kind: .syntax, key: nil, location: path, message: "is not UTF-8 text; save it as UTF-8"))
      return nil
    }
    var layer = FileLayer(path: path, provider: nil, lines: [:], nulls: [], reported: [])
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch {
      issues.append(Self.syntaxIssue(error, path: path))
      return nil
    }
    guard let root else { return layer }  // An empty file: every key takes its default.
    let shapeIsSound = layer.walk(root, issues: &issues)
    do {
      layer.provider = try await FileProvider<YAMLSnapshot>(
        parsingOptions: YAMLSnapshot.ParsingOptions(
          secretsSpecifier: .specific(Set(ConfigurationSchema.keys.filter(\.isSecret).map(\.name)))),
        filePath: FilePath(path))
    } catch {
      // The walk has already said what is wrong with the shape; otherwise say it here.
      if shapeIsSound {
        issues.append(
          ConfigurationIssue(
            kind: .syntax, key: nil, location: path,
            message: "cannot be read as a configuration: \(error)"))
      }
    }
    return layer
  }

  /// Reports unknown keys and impossible shapes; records lines and nulls. Returns
  /// false when the shape is one swift-configuration's YAML snapshot cannot read.
  private mutating func walk(_ root: Node, issues: inout [ConfigurationIssue]) -> Bool {
    guard case .mapping(let top) = root else {
      issues.append(
        ConfigurationIssue(
          kind: .wrongType, key: nil, location: "\(path):\(root.mark?.line ?? 1)",
          message: "must be a mapping of sections (imap:, smtp:, store:, ...)"))
      return false
    }
    var sound = true
    for (sectionNode, sectionValue) in top {
      let line = sectionNode.mark?.line ?? 1
      guard case .scalar(let sectionScalar) = sectionNode else {
        issues.append(
          ConfigurationIssue(
            kind: .syntax, key: nil, location: "\(path):\(line)",
            message: "a key must be a plain name"))
        sound = false
        continue
      }
      let section = sectionScalar.string
      guard ConfigurationSchema.sections.contains(section) else {
        issues.append(
          Self.unknownKey(
            section, location: "\(path):\(line)", candidates: ConfigurationSchema.sections))
        continue
      }
      if sectionValue.null != nil { continue }  // `smtp:` with nothing under it.
      guard case .mapping(let entries) = sectionValue else {
        issues.append(
          ConfigurationIssue(
            kind: .wrongType, key: section, location: "\(path):\(line)",
            message:
              "must be a mapping of keys (for example `\(section):` then indented `key: value` lines)"
          ))
        reported.formUnion(ConfigurationSchema.keys.filter { $0.section == section }.map(\.name))
        sound = sound && sectionValue.scalar != nil
        continue
      }
      for (keyNode, value) in entries {
        let keyLine = keyNode.mark?.line ?? line
        guard case .scalar(let keyScalar) = keyNode else {
          issues.append(
            ConfigurationIssue(
              kind: .syntax, key: section, location: "\(path):\(keyLine)",
              message: "a key must be a plain name"))
          sound = false
          continue
        }
        let name = "\(section).\(keyScalar.string)"
        guard ConfigurationSchema.key(named: name) != nil else {
          issues.append(
            Self.unknownKey(
              name, location: "\(path):\(keyLine)", candidates: ConfigurationSchema.keys.map(\.name)
            ))
          continue
        }
        lines[name] = keyLine
        switch value {
        case .scalar where value.null != nil:
          nulls.insert(name)
        case .mapping:
          issues.append(
            ConfigurationIssue(
              kind: .wrongType, key: name, location: "\(path):\(keyLine)",
              message: "must be a value or a list, not a mapping"))
          reported.insert(name)
        case .sequence(let items) where items.contains(where: { $0.scalar == nil }):
          issues.append(
            ConfigurationIssue(
              kind: .wrongType, key: name, location: "\(path):\(keyLine)",
              message: "must be a list of plain values (such as [14d, 7d, 1d])"))
          reported.insert(name)
          sound = false
        default:
          break
        }
      }
    }
    return sound
  }

  static func unknownKey(_ name: String, location: String, candidates: [String])
    -> ConfigurationIssue
  {
    var message = "unknown key"
    if let guess = ConfigurationSchema.suggestion(for: name, among: candidates) {
      message += "; did you mean \(guess)?"
    } else {
      message += "; see config/liaisond.example.yaml for the keys liaisond reads"
    }
    return ConfigurationIssue(kind: .unknownKey, key: name, location: location, message: message)
  }

  /// A YAML syntax error with its line, without the offending text: that line may hold a password.
  static func syntaxIssue(_ error: any Error, path: String) -> ConfigurationIssue {
    let mark: Mark?
    let problem: String
    switch error as? YamlError {
    case .scanner(_, let p, let m, _), .parser(_, let p, let m, _), .composer(_, let p, let m, _):
      mark = m
      problem = p
    case .duplicatedKeysInMapping(let duplicates, let context):
      mark = context.mark
      problem = "duplicate key \(duplicates.joined(separator: ", "))"
    case .reader(let p, _, _, _):
      mark = nil
      problem = p
    default:
      mark = nil
      problem = "is not valid YAML"
    }
    let location = mark.map { "\(path):\($0.line)" } ?? path
    return ConfigurationIssue(
      kind: .syntax, key: nil, location: location, message: "YAML syntax error: \(problem)")
  }
}

/// The values found for each schema key, and where each came from.
struct RawValues {
  enum Value {
    case text(String)
    case flag(Bool)
    case list([String])
  }

  struct Found {
    var value: Value
    /// `path:line` or `environment variable NAME`.
    var location: String
  }

  var found: [String: Found] = [:]
  /// Keys with a value that was present but unusable (already reported).
  var reported: Set<String> = []
  /// The file the values were read from, for issues about absent keys.
  var filePath: String?

  /// The environment first, then the file; a type error is reported against the layer it is in.
  mutating func lookUp(
    _ key: ConfigurationSchema.Key, environment: EnvironmentVariablesProvider, file: FileLayer?,
    issues: inout [ConfigurationIssue]
  ) {
    let absoluteKey = AbsoluteConfigKey(key.components)
    let type: ConfigType =
      switch key.shape {
      case .text: .string
      case .flag: .bool
      case .list: .stringArray
      }
    filePath = file?.path
    let environmentLocation = "environment variable \(key.environmentName)"
    do {
      if let content = try environment.value(forKey: absoluteKey, type: type).value?.content,
        let value = Self.value(content), !Self.isBlank(value)
      {
        found[key.name] = Found(value: value, location: environmentLocation)
        return
      }
    } catch {
      let raw = environment.fileRaw(absoluteKey)
      issues.append(Self.typeIssue(key, location: environmentLocation, raw: raw))
      reported.insert(key.name)
      return
    }
    guard let file else { return }
    if file.reported.contains(key.name) {
      reported.insert(key.name)
      return
    }
    guard let provider = file.provider, !file.nulls.contains(key.name) else { return }
    do {
      if let content = try provider.value(forKey: absoluteKey, type: type).value?.content,
        let value = Self.value(content)
      {
        found[key.name] = Found(value: value, location: file.location(of: key.name))
      }
    } catch {
      let raw = try? provider.value(forKey: absoluteKey, type: .string).value?.content
      let rawText: String? = if case .string(let s) = raw { s } else { nil }
      issues.append(Self.typeIssue(key, location: file.location(of: key.name), raw: rawText))
      reported.insert(key.name)
    }
  }

  private static func value(_ content: ConfigContent) -> Value? {
    switch content {
    case .string(let text): .text(text)
    case .bool(let flag): .flag(flag)
    case .stringArray(let list): .list(list)
    default: nil
    }
  }

  private static func isBlank(_ value: Value) -> Bool {
    if case .text(let text) = value { return text.isEmpty }
    return false
  }

  private static func typeIssue(_ key: ConfigurationSchema.Key, location: String, raw: String?)
    -> ConfigurationIssue
  {
    let expected =
      switch key.shape {
      case .text: "expected a single value, not a list"
      case .flag: "expected true or false"
      case .list: "expected a list, such as [14d, 7d, 1d]"
      }
    // The raw text helps a reader find the mistake, except where it is a secret.
    let got = (raw != nil && !key.isSecret) ? ", got \(Quoted(raw!))" : ""
    return ConfigurationIssue(
      kind: .wrongType, key: key.name, location: location, message: expected + got)
  }
}

extension EnvironmentVariablesProvider {
  /// The raw text of a variable, for messages about a value that did not convert.
  fileprivate func fileRaw(_ key: AbsoluteConfigKey) -> String? {
    guard case .string(let text)? = try? value(forKey: key, type: .string).value?.content else {
      return nil
    }
    return text
  }
}

/// A value quoted for a message, with control characters escaped so that a hostile or
/// broken value cannot forge a second line.
struct Quoted: CustomStringConvertible {
  var text: String
  init(_ text: String) { self.text = text }

  var description: String {
    var out = "\""
    for scalar in text.unicodeScalars.prefix(200) {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F:
        out += "\\u{\(String(scalar.value, radix: 16))}"
      default: out.unicodeScalars.append(scalar)
      }
    }
    if text.unicodeScalars.count > 200 { out += "..." }
    return out + "\""
  }
}
