package gatehouse.backup;

/** Why a backup or restore cannot be made, in one line naming what to do. */
final class BackupFailure extends RuntimeException {
    BackupFailure(String message) {
        super(message.replaceAll("\\p{Cntrl}", " "));
    }
}
