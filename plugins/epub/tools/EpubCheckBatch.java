import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.util.DefaultReportImpl;
import java.io.File;

/**
 * Checks several EPUB files in one JVM: epubcheck 4's command line takes one
 * file per run and the JVM start-up and schema loading dominate its ~5 s.
 * Run with the source launcher:
 *   java -cp /usr/share/java/epubcheck.jar EpubCheckBatch.java A.epub B.epub ...
 * Messages go to standard error as epubcheck prints them; one summary line
 * per file goes to standard output; the exit status is 1 when any file has
 * a fatal error, error or warning.
 */
public class EpubCheckBatch {
    public static void main(String[] args) {
        int bad = 0;
        for (String f : args) {
            DefaultReportImpl report = new DefaultReportImpl(f);
            new EpubCheck(new File(f), report).validate();
            int x = report.getFatalErrorCount();
            int e = report.getErrorCount();
            int w = report.getWarningCount();
            System.out.println("epubcheck-batch: " + f + ": " + x + " fatals / " + e + " errors / " + w + " warnings");
            if (x + e + w > 0) {
                bad++;
            }
        }
        System.exit(bad == 0 ? 0 : 1);
    }
}
