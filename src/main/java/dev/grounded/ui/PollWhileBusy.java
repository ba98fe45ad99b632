package dev.grounded.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;

/**
 * Polls a view's page only while the work it shows is under way (an ingestion, an evaluation run), so its progress
 * moves without a reload and an idle page costs the server nothing.
 */
public final class PollWhileBusy {

    private final Component view;
    private final int millis;
    private final Runnable refresh;
    private Registration listener;

    public PollWhileBusy(Component view, int millis, Runnable refresh) {
        this.view = view;
        this.millis = millis;
        this.refresh = refresh;
    }

    /** The view was attached: it refreshes on each poll, and once now. */
    public void attach(UI ui) {
        listener = ui.addPollListener(poll -> refresh.run());
        refresh.run();
    }

    public void detach(UI ui) {
        ui.setPollInterval(-1);
        if (listener != null) {
            listener.remove();
            listener = null;
        }
    }

    /** Called by each refresh with whether work is still under way. */
    public void busy(boolean busy) {
        view.getUI().ifPresent(ui -> ui.setPollInterval(busy ? millis : -1));
    }
}
