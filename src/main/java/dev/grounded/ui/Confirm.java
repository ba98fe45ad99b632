package dev.grounded.ui;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;

/** Asks before an action that cannot be undone; Cancel and Escape leave everything as it was. */
public final class Confirm {

    private Confirm() {}

    /** For deleting and removing: the confirm button is red. */
    public static void destructive(String title, String consequence, String action, Runnable confirmed) {
        open(title, consequence, action, confirmed).setConfirmButtonTheme("error primary");
    }

    public static void ask(String title, String consequence, String action, Runnable confirmed) {
        open(title, consequence, action, confirmed);
    }

    private static ConfirmDialog open(String title, String consequence, String action, Runnable confirmed) {
        ConfirmDialog dialog = new ConfirmDialog(title, consequence, action, event -> confirmed.run());
        dialog.setCancelable(true);
        dialog.open();
        return dialog;
    }
}
