import Foundation
import Liaison
import Testing

@testable import Store

@Suite struct StoreLockTests {
  @Test func aSecondHolderInTheSameProcessIsRefused() throws {
    let store = try LiaisonStore.temporary()
    let lock = try StoreLock.acquire(directory: store.directory)
    #expect {
      _ = try StoreLock.acquire(directory: store.directory)
    } throws: { error in
      guard case .locked(let file, let pid) = error as? StoreError else { return false }
      return file == lock.lockFile && pid == getpid()
    }
    _ = lock
  }

  @Test func theLockIsFreeAgainWhenReleased() throws {
    let store = try LiaisonStore.temporary()
    do {
      let lock = try StoreLock.acquire(directory: store.directory)
      _ = lock
    }
    let again = try StoreLock.acquire(directory: store.directory)
    let written = try String(contentsOfFile: again.lockFile, encoding: .utf8)
    #expect(written == "\(getpid())\n")
  }

  @Test func aLockHeldByAnotherProcessNamesItsPID() throws {
    let store = try LiaisonStore.temporary()
    let lockFile = store.directory + "/" + StoreLock.fileName
    // The shell locks the file on descriptor 9, writes its pid, then becomes `sleep` with the
    // lock still held (same pid), so terminating it frees the lock and leaves no orphan.
    let holder = Process()
    holder.executableURL = URL(fileURLWithPath: "/bin/sh")
    holder.arguments = [
      "-c", "exec 9>>\"$1\"; flock 9; echo $$ > \"$1\"; exec sleep 30", "sh", lockFile,
    ]
    try holder.run()
    defer {
      holder.terminate()
      holder.waitUntilExit()
    }
    // Wait (bounded) until the holder has locked the file and written its pid; never try to
    // acquire before, or this process would briefly hold the lock itself.
    let expected = "\(holder.processIdentifier)\n"
    for _ in 0..<100 where (try? String(contentsOfFile: lockFile, encoding: .utf8)) != expected {
      usleep(50_000)
    }
    var refusal: StoreError?
    do {
      _ = try StoreLock.acquire(directory: store.directory)
    } catch {
      refusal = error
    }
    let error = try #require(refusal)
    #expect(error == .locked(lockFile: lockFile, pid: holder.processIdentifier))
    #expect(error.description.contains("process \(holder.processIdentifier)"))
    #expect(error.description.contains(lockFile))
  }
}
